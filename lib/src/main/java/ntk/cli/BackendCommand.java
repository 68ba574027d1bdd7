package ntk.cli;

import java.util.concurrent.Callable;
import ntk.backend.Backend;
import ntk.backend.Cpu;
import picocli.CommandLine.Command;

/** Starts ND4J as every other command does and says which backend and native flavour it got, and on which CPU. */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = "Start ND4J and print the backend in use (CPU flavour, or CUDA after the GPU check) and the CPU (as run.txt names it).")
final class BackendCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("backend: " + Backend.describe());
        System.out.println("cpu: " + Cpu.describe());
        return 0;
    }
}
