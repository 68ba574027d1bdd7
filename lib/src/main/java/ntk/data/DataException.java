package ntk.data;

/** A data file is missing, unreadable or not the expected content; the message says how to fix it. */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
