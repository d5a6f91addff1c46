package org.suanli.cli;

/** A combination of options that cannot be used together; reported with exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
