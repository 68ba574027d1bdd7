package ntk.train;

/** The loss became NaN or infinite; the message says at which step and what to try. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
