package io.vigil.server.intel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a feed's documents from an {@code http(s)://} URL or a local file or folder, refusing any
 * document larger than the limit before it is all in memory.
 */
final class FeedFetcher {

    /** A document with the response headers (empty for files). */
    static final class Fetched {
        private final byte[] body;
        private final Map<String, List<String>> headers;

        Fetched(byte[] body, Map<String, List<String>> headers) {
            this.body = body;
            this.headers = headers;
        }

        byte[] body() {
            return body;
        }

        Map<String, List<String>> headers() {
            return headers;
        }
    }

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    FeedFetcher(Duration timeout, long maxBytes) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    static boolean isHttp(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    byte[] fetch(String location) throws IOException {
        return fetch(location, Map.of()).body();
    }

    Fetched fetch(String location, Map<String, String> headers) throws IOException {
        if (!isHttp(location)) {
            Path p = Path.of(location);
            if (!Files.isRegularFile(p)) {
                throw new IOException("no file " + location);
            }
            if (Files.size(p) > maxBytes) {
                throw new IOException(
                        location + " is larger than " + maxBytes + " bytes (vigil.intel.max-document-size)");
            }
            return new Fetched(Files.readAllBytes(p), Map.of());
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(location)).timeout(timeout).GET();
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + location, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid URL: " + location, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + response.statusCode() + " from " + location);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException(
                        location + " is larger than " + maxBytes + " bytes (vigil.intel.max-document-size)");
            }
            return new Fetched(bytes, response.headers().map());
        }
    }

    /** Documents next to {@code location} (a folder, or a base URL): names are plain file names only. */
    DocumentSource source(String location) {
        return name -> {
            if (!SAFE_NAME.matcher(name).matches() || name.startsWith(".")) {
                throw new IOException("refusing document name '" + IocValues.clip(name) + "'");
            }
            if (isHttp(location)) {
                return fetch(location.endsWith("/") ? location + name : location + "/" + name);
            }
            return fetch(Path.of(location).resolve(name).toString());
        };
    }
}
