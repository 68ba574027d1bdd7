#!/usr/bin/env bash
# Regenerates notebooks/executed/: executes every notebook and its solutions in fast mode, with the
# same code and kernel as the notebook test (tests/.../ntk/notebook/NotebookRun.java), and writes
# each executed copy there. About 10 minutes for 00-08 and their solutions on 2 cores, and a few
# more for 09's two.
#
#   notebooks/publish.sh [--list] [PREFIX...]     e.g. notebooks/publish.sh 04 05
#
# Needs Java 17, Maven, and Python 3 with nbconvert (Debian: jupyter-nbconvert python3-nbclient).
# Arguments go to ntk.notebook.PublishNotebooks (--help lists them) once the kit is built.
set -euo pipefail
cd "$(dirname "$0")/.."

# Builds the kit, the stand-in kernel and the tests' classes, and writes the tests' class path.
mvn -B -q -pl tests -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt

cd tests   # where the tests run: the notebook code finds the clone's root as this folder's parent
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g -cp "target/test-classes:$(cat target/test-classpath.txt)" \
    ntk.notebook.PublishNotebooks "$@"
