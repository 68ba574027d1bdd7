package ntk.backend;

/** The CUDA backend was selected but the GPU cannot run its kernels. */
public class UnsupportedGpuException extends IllegalStateException {
    public UnsupportedGpuException(String message) {
        super(message);
    }
}
