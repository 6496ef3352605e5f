package io.vigil.telemetry;

/** Where in an input a record or a problem was found. */
public sealed interface SourceLocation permits SourceLocation.ByteOffset, SourceLocation.Line {

    /** {@return the name of the input (file name, upload name, batch id)} */
    String source();

    /**
     * A byte offset in a binary input such as an EVTX file.
     *
     * @param source the input's name
     * @param offset the offset from the start of the input, in bytes
     */
    record ByteOffset(String source, long offset) implements SourceLocation {
        /** Validates the location. */
        public ByteOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
        }

        @Override
        public String toString() {
            return source + "@" + offset;
        }
    }

    /**
     * A line in a text input (1-based).
     *
     * @param source the input's name
     * @param line the line number, starting at 1
     */
    record Line(String source, long line) implements SourceLocation {
        /** Validates the location. */
        public Line {
            if (line < 1) {
                throw new IllegalArgumentException("line numbers start at 1");
            }
        }

        @Override
        public String toString() {
            return source + ":" + line;
        }
    }
}
