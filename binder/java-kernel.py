#!/usr/bin/env python3
"""Points an installed Java kernel spec (IJava's or JJava's, or CI's stand-in) at the kit.

Rewrites KERNEL_DIR/kernel.json in place: the JVM options below go right after the "java" in
argv, and the kit's class path plus the memory settings go into the kernel's environment.
Binder's postBuild runs it on the IJava 1.3.0 kernel; the notebook test runs it on the stand-in,
so both kernels start with the same settings. Standard library only.
"""
import argparse
import json
import os

# A notebook must stay within about 2 GB on Binder. ND4J's arrays live outside the Java heap, so
# the heap gets well under half of that; the rest is for ND4J's native arrays, JavaCPP, and the
# JVM itself. SerialGC: one or two cores gain nothing from parallel collector threads, and it
# keeps the JVM's own memory small.
JVM_OPTIONS = [
    "-Xmx768m",
    "-XX:+UseSerialGC",
    "-XX:MaxMetaspaceSize=256m",
    "-Djava.awt.headless=true",
]
ENV = {
    # JavaCPP's budget for its own native allocations (ntk.backend.Backend reads it).
    "NTK_MAX_NATIVE": "512m",
    # Without it glibc keeps one malloc arena per thread, which ND4J's threads inflate.
    "MALLOC_ARENA_MAX": "2",
}


def option_key(option):
    """What identifies an option whatever its value: "-Xmx", "-XX:MaxMetaspaceSize=", ..."""
    if option.startswith("-Xmx"):
        return "-Xmx"
    if "=" in option:
        return option.split("=")[0] + "="
    return option


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kernel_dir", help="folder holding the kernel's kernel.json")
    parser.add_argument("--classpath", required=True,
                        help="the kit's class path (IJAVA_CLASSPATH and JJAVA_CLASSPATH): entries separated by "
                             + os.pathsep + ", each may be a glob such as lib/target/lib/*.jar")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="one more environment variable for the kernel (repeatable)")
    args = parser.parse_args()

    path = os.path.join(args.kernel_dir, "kernel.json")
    with open(path) as f:
        spec = json.load(f)
    argv = spec["argv"]
    if not argv or os.path.basename(argv[0]) != "java":
        raise SystemExit(path + ": expected argv to start with java, found " + repr(argv[:1]))
    # Idempotent: drop the options this script manages before adding them again.
    managed = {option_key(o) for o in JVM_OPTIONS}
    rest = [a for a in argv[1:] if option_key(a) not in managed]
    spec["argv"] = [argv[0]] + JVM_OPTIONS + rest

    env = spec.setdefault("env", {})
    env.update(ENV)
    # JJava's argv starts a launcher JVM, which starts the kernel's JVM with the options in
    # JJAVA_JVM_OPTS only; IJava runs the kernel in the argv's JVM and ignores the variable.
    env["JJAVA_JVM_OPTS"] = " ".join(JVM_OPTIONS)
    # IJava 1.3.0 reads IJAVA_CLASSPATH; its maintained successor JJava reads JJAVA_CLASSPATH.
    # Both are written, so one kernel spec serves either kernel.
    env["IJAVA_CLASSPATH"] = args.classpath
    env["JJAVA_CLASSPATH"] = args.classpath
    for item in args.env:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise SystemExit("--env expects NAME=VALUE, got " + repr(item))
        env[name] = value
    spec["display_name"] = spec.get("display_name", "Java")

    with open(path, "w") as f:
        json.dump(spec, f, indent=2, sort_keys=True)
        f.write("\n")
    print("kernel spec " + path + ": " + " ".join(spec["argv"][:len(JVM_OPTIONS) + 1]))


if __name__ == "__main__":
    main()
