package io.vigil.telemetry.internal.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.ParserProperties;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TestContexts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OtlpProtobufParserTest {

    @Test
    void shouldDecodeAProtobufRequestIntoTheSameEventsAsItsJsonEncoding() {
        byte[] request = request();

        ParseResult result = parse(request);

        assertThat(result.issues()).isEmpty();
        CanonicalEvent windows = result.events().getFirst();
        assertThat(windows.envelope().origin())
                .isEqualTo(new EventOrigin.Windows("Security", "Microsoft-Windows-Security-Auditing", 4688));
        assertThat(windows.envelope().sigmaCategory()).isEqualTo("process_creation");
        assertThat(windows.fields())
                .containsEntry("Image", "C:\\Windows\\System32\\net.exe")
                .containsEntry("EventRecordID", "314");
        CanonicalEvent generic = result.events().get(1);
        assertThat(generic.envelope().origin()).isEqualTo(new EventOrigin.Other("otlp:sshd", "INFO"));
        assertThat(generic.envelope().eventTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_002L));
        assertThat(generic.fields())
                .containsEntry("Message", "Accepted publickey")
                .containsEntry("retries", "3");
    }

    @Test
    void shouldReportATruncatedRequestAtTheOffsetOfItsResourceLogs() {
        byte[] request = request();

        ParseResult result = parse(Arrays.copyOf(request, request.length - 5));

        assertThat(result.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.location()).isInstanceOf(SourceLocation.ByteOffset.class);
            assertThat(issue.message()).contains("protobuf");
        });
    }

    @Property(tries = 300)
    void shouldSurviveMutatedRequests(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value, @ForAll boolean truncate) {
        byte[] request = request();
        int at = position % request.length;
        request[at] = value;
        byte[] input = truncate ? Arrays.copyOf(request, at) : request;

        ParseResult result = ParserProperties.parseSafely(new OtlpProtobufParser(), input);

        assertThat(result.events().size()).isLessThanOrEqualTo(2);
    }

    private static ParseResult parse(byte[] body) {
        return new OtlpProtobufParser().parseAll(new ByteArrayInputStream(body), TestContexts.offline("v1-logs.pb"));
    }

    /** Two ResourceLogs: a Windows event log receiver record, then a syslog-like record. */
    private static byte[] request() {
        byte[] eventData = kvList(keyValue("NewProcessName", string("C:\\Windows\\System32\\net.exe")));
        byte[] windowsBody = kvList(
                keyValue("channel", string("Security")),
                keyValue("computer", string("WS03")),
                keyValue("event_id", kvList(keyValue("id", integer(4688)))),
                keyValue("provider", kvList(keyValue("name", string("Microsoft-Windows-Security-Auditing")))),
                keyValue("record_id", integer(314)),
                keyValue("event_data", eventData));
        byte[] windowsRecord = concat(fixed64(1, 1_700_000_000_000_000_000L), field(5, windowsBody));
        byte[] first = concat(field(2, concat(field(1, field(1, text("windowseventlog"))), field(2, windowsRecord))));
        byte[] resource = concat(
                field(1, keyValue("service.name", string("sshd"))), field(1, keyValue("host.name", string("bastion"))));
        byte[] syslogRecord = concat(
                fixed64(11, 1_700_000_002_000_000_000L),
                field(3, text("INFO")),
                field(5, string("Accepted publickey")),
                field(6, keyValue("retries", integer(3))));
        byte[] second = concat(field(1, resource), field(2, field(2, syslogRecord)));
        return concat(field(1, first), field(1, second));
    }

    private static byte[] keyValue(String key, byte[] anyValue) {
        return concat(field(1, text(key)), field(2, anyValue));
    }

    private static byte[] string(String value) {
        return field(1, text(value));
    }

    private static byte[] integer(long value) {
        return concat(varint(3 << 3), varint(value));
    }

    private static byte[] kvList(byte[]... keyValues) {
        byte[][] fields = new byte[keyValues.length][];
        for (int i = 0; i < keyValues.length; i++) {
            fields[i] = field(1, keyValues[i]);
        }
        return field(6, concat(fields));
    }

    private static byte[] field(int number, byte[] payload) {
        return concat(varint(number << 3 | 2), varint(payload.length), payload);
    }

    private static byte[] fixed64(int number, long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return concat(varint(number << 3 | 1), out);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
