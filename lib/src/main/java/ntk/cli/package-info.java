/**
 * The command line ({@code java -jar ntk.jar ...}): one picocli command per job, parsing options
 * and printing; the work itself is done by the packages below.
 */
package ntk.cli;
