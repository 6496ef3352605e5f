package io.vigil.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Role;
import io.vigil.server.tenant.Tenant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Attachments uploaded as {@code multipart/form-data} (the MDR API v1 shape): the same 10 MB limit as
 * the raw body, enforced while the body is read, 413 with a JSON message and nothing stored.
 */
class IncidentMultipartTest extends IncidentApiSupport {

    private static final String BOUNDARY = "----vigil-test-boundary-7MA4YWxkTrZu0gW";

    /** A part of a multipart body. */
    private static final class Part {
        final String name;
        final @Nullable String fileName;
        final byte[] content;

        Part(String name, @Nullable String fileName, byte[] content) {
            this.name = name;
            this.fileName = fileName;
            this.content = content;
        }
    }

    private static Part file(String fileName, byte[] content) {
        return new Part("file", fileName, content);
    }

    private static Part text(String name, String value) {
        return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] body(Part... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\""
                    + (p.fileName == null ? "" : "; filename=\"" + p.fileName + "\"")
                    + (p.fileName == null ? "" : "\r\nContent-Type: application/octet-stream") + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private HttpResponse<String> post(String path, byte[] body, String token) {
        return http().send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("Authorization", "Bearer " + token)
                .build());
    }

    @Test
    void shouldStoreAMultipartUploadUpToTenMegabytesAndRefuseMoreWhileStreaming() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String path = incidents(t) + "/" + socIncident(t, soc, "HIGH").get("id").asString();
        int historyBefore = history(path, soc).size();

        byte[] eleven = new byte[11 * 1024 * 1024];
        HttpResponse<String> refused = post(path + "/attachments", body(file("big.bin", eleven)), soc);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("json");
        assertThat(json.readTree(refused.body()).get("message").asString())
                .contains("larger than 10485760 bytes")
                .contains("nothing was stored");

        byte[] oneOver = new byte[10 * 1024 * 1024 + 1];
        HttpResponse<String> justOver = post(path + "/attachments", body(file("over.bin", oneOver)), soc);
        assertThat(justOver.statusCode())
                .as("one byte over, inside the multipart allowance")
                .isEqualTo(413);
        assertThat(json.readTree(justOver.body()).get("message").asString()).contains("larger than 10485760 bytes");
        assertThat(ok(http().getJson(path + "/attachments", soc), 200).size()).isZero();
        assertThat(history(path, soc)).hasSize(historyBefore);

        byte[] ten = new byte[10 * 1024 * 1024];
        new Random(11).nextBytes(ten);
        // The content holds the boundary's prefix without the line break: not a delimiter.
        byte[] marker = ("--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, ten, 1000, marker.length);
        JsonNode stored = ok(
                post(path + "/attachments", body(file("mem;dump \"1\".bin", ten), text("caption", "Memory dump")), soc),
                201);
        assertThat(stored.get("size").asLong()).isEqualTo(ten.length);
        assertThat(stored.get("sha256").asString()).isEqualTo(ConversationService.sha256(ten));
        assertThat(stored.get("caption").asString()).isEqualTo("Memory dump");
        assertThat(stored.get("name").asString()).isEqualTo("mem;dump 1.bin");
        assertThat(history(path, soc)).hasSize(historyBefore + 1);

        // The MDR API v1 shape: a meta part with the caption (and, optionally, the incident id).
        String id = path.substring(path.lastIndexOf('/') + 1);
        JsonNode withMeta = ok(
                post(
                        path + "/attachments",
                        body(
                                text("meta", "{\"incident_id\": \"" + id + "\", \"caption\": \"From meta\"}"),
                                file("notes.txt", "hello".getBytes(StandardCharsets.UTF_8))),
                        soc),
                201);
        assertThat(withMeta.get("caption").asString()).isEqualTo("From meta");
        assertThat(withMeta.get("contentType").asString()).startsWith("text/plain");
        assertThat(ok(http().getJson(path + "/attachments", soc), 200).size()).isEqualTo(2);
    }

    @Test
    void shouldAnswerMalformedMultipartUploadsWithPreciseErrors() {
        Tenant t = fixtures.tenant();
        String soc = token(Role.SOC_ANALYST, t.id());
        String path = incidents(t) + "/" + socIncident(t, soc, "LOW").get("id").asString() + "/attachments";
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);

        assertThat(message(post(path, body(text("caption", "no file")), soc), 400))
                .contains("part named 'file'");
        assertThat(message(post(path, body(file("a.txt", hello), file("b.txt", hello)), soc), 400))
                .contains("once");
        assertThat(message(post(path, body(file("a.txt", hello), text("evil", "x")), soc), 400))
                .contains("Unknown part");
        assertThat(message(
                        post(path, body(file("a.txt", hello), text("meta", "{\"incident_id\": \"other\"}")), soc), 400))
                .contains("another incident");
        assertThat(message(post(path, body(file("a.txt", hello), text("meta", "not json")), soc), 400))
                .contains("JSON object");
        byte[] unterminated = ("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"
                        + "no closing boundary")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(message(post(path, unterminated, soc), 400)).contains("closing boundary");
        assertThat(message(post(path, body(file("empty.txt", new byte[0])), soc), 400))
                .contains("empty");
        HttpResponse<String> noBoundary = http().send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(file("a.txt", hello))))
                .header("Content-Type", "multipart/form-data")
                .header("Authorization", "Bearer " + soc)
                .build());
        assertThat(message(noBoundary, 400)).contains("boundary");
        HttpResponse<String> mixed = http().send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(file("a.txt", hello))))
                .header("Content-Type", "multipart/mixed; boundary=" + BOUNDARY)
                .header("Authorization", "Bearer " + soc)
                .build());
        assertThat(message(mixed, 400)).contains("multipart/form-data");
        assertThat(ok(http().getJson(path, soc), 200).size())
                .as("nothing stored")
                .isZero();
    }

    private String message(HttpResponse<String> r, int status) {
        return ok(r, status).get("message").asString();
    }
}
