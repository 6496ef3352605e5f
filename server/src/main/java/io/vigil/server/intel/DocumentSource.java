package io.vigil.server.intel;

import java.io.IOException;

/** Reads documents relative to a feed's location (a folder or a base URL), each within a size limit. */
@FunctionalInterface
interface DocumentSource {

    /**
     * The document {@code name} (a plain file name, never a path).
     *
     * @throws IOException when it cannot be read, or is larger than the limit
     */
    byte[] read(String name) throws IOException;
}
