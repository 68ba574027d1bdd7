package ntk.nn;

/** Modules or inputs whose shapes do not fit together; the message names both shapes. */
public class IncompatibleShapeException extends IllegalArgumentException {
    public IncompatibleShapeException(String message) {
        super(message);
    }
}
