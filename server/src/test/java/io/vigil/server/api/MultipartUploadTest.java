package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.ValidationException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The multipart/form-data reader of attachment uploads, on bodies as clients and attackers send them. */
class MultipartUploadTest {

    private static final long MAX = 1024;

    private static MultipartUpload.Upload parse(String body) {
        return MultipartUpload.parse(body.getBytes(StandardCharsets.UTF_8), "XyZ", MAX, "limit");
    }

    @Test
    void shouldReadFileCaptionAndMetaIgnoringPreambleAndEpilogue() {
        MultipartUpload.Upload u = parse(String.join(
                "\r\n",
                "preamble text",
                "--XyZ",
                "Content-Disposition: form-data; name=\"caption\"",
                "",
                "A caption; with \"quotes\"",
                "--XyZ  ",
                "content-disposition: FORM-DATA; filename=\"we\\\"ird;name.txt\"; name=file",
                "Content-Type: text/plain",
                "",
                "line 1 --XyZ is no delimiter here",
                "line 2",
                "--XyZ",
                "Content-Disposition: form-data; name=\"meta\"",
                "",
                "{\"caption\": \"m\"}",
                "--XyZ--",
                "epilogue"));
        assertThat(u.fileName()).isEqualTo("we\"ird;name.txt");
        assertThat(new String(u.content(), StandardCharsets.UTF_8))
                .isEqualTo("line 1 --XyZ is no delimiter here\r\nline 2");
        assertThat(u.caption()).isEqualTo("A caption; with \"quotes\"");
        assertThat(u.meta()).isEqualTo("{\"caption\": \"m\"}");
    }

    @Test
    void shouldKeepBinaryContentByteForByte() {
        byte[] content = new byte[256];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        byte[] head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.bin\"\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--XyZ--".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        assertThat(MultipartUpload.parse(body, "XyZ", MAX, "limit").content()).isEqualTo(content);
    }

    @Test
    void shouldRefuseAFilePartOverTheLimitNamingTheLimit() {
        String big = "x".repeat((int) MAX + 1);
        assertThatThrownBy(() ->
                        parse("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + big + "\r\n--XyZ--"))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("larger than 1024 bytes (limit)");
        assertThat(parse("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + big.substring(1)
                                + "\r\n--XyZ--")
                        .content())
                .hasSize((int) MAX);
    }

    @Test
    void shouldExplainWhatIsWrongWithABrokenBody() {
        assertThatThrownBy(() -> parse("no boundary at all"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("No part starts with the boundary");
        assertThatThrownBy(() -> parse("--XyZ\nContent-Disposition: form-data; name=\"file\"\n\nx\n--XyZ--"))
                .hasMessageContaining("CRLF");
        assertThatThrownBy(() -> parse("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--"))
                .hasMessageContaining("no Content-Disposition");
        assertThatThrownBy(() -> parse("--XyZ\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nx\r\n--XyZ--"))
                .hasMessageContaining("form-data");
        assertThatThrownBy(() -> parse("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx"))
                .hasMessageContaining("closing boundary");
        assertThatThrownBy(() -> parse("--XyZ\r\n\r\nx\r\n--XyZ--")).hasMessageContaining("Content-Disposition");
        assertThatThrownBy(() -> MultipartUpload.boundary("multipart/form-data; charset=utf-8"))
                .hasMessageContaining("needs a boundary");
        assertThatThrownBy(() -> MultipartUpload.boundary("multipart/form-data; boundary=" + "b".repeat(71)))
                .hasMessageContaining("1-70");
        assertThat(MultipartUpload.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""))
                .isEqualTo("a b");
    }

    @Property(tries = 300)
    void shouldNeverFailOtherwiseThanWithAUserMessage(@ForAll @Size(max = 400) byte[] noise) {
        byte[] head =
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte[] body : new byte[][] {noise, concat(head, noise)}) {
            try {
                MultipartUpload.parse(body, "XyZ", MAX, "limit");
            } catch (ValidationException | PayloadTooLargeException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
