package io.vigil.telemetry.internal.otlp;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TelemetryException;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an OTLP/HTTP logs request in its protobuf encoding. Each {@code ResourceLogs} message is
 * decoded into the same tree as the JSON encoding and handed to the same record mapping, so both
 * encodings give identical events. Issues are located at the byte offset of the {@code ResourceLogs}
 * entry; a request over 64 MiB is refused.
 */
public final class OtlpProtobufParser implements EventParser {
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int MAX_DEPTH = 32;

    @Override
    public SourceFormat format() {
        return SourceFormat.OTLP_PROTOBUF;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        String source = context.sourceName();
        byte[] body;
        try {
            body = input.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new TelemetryException("cannot read " + source, e, true);
        }
        if (body.length > MAX_BODY) {
            Outcomes.error(sink, new SourceLocation.ByteOffset(source, 0), "OTLP request larger than 64 MiB refused");
            return;
        }
        ProtoReader request = new ProtoReader(body, 0, body.length);
        int offset = 0;
        try {
            while (request.next()) {
                if (request.field() != 1) {
                    request.skip();
                    offset = request.position();
                    continue;
                }
                SourceLocation location = new SourceLocation.ByteOffset(source, offset);
                ObjectNode resourceLogs = resourceLogs(request.message());
                new OtlpRecords(context, sink, location).resourceLogs(resourceLogs);
                offset = request.position();
            }
        } catch (MalformedRecordException e) {
            Outcomes.error(sink, new SourceLocation.ByteOffset(source, offset), e.reason());
        }
    }

    private static ObjectNode resourceLogs(ProtoReader reader) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode scopeLogs = node.putArray("scopeLogs");
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> node.putObject("resource").set("attributes", keyValues(reader.message(), 1, 0));
                case 2 -> scopeLogs.add(scopeLogs(reader.message()));
                default -> reader.skip();
            }
        }
        return node;
    }

    private static ObjectNode scopeLogs(ProtoReader reader) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode records = node.putArray("logRecords");
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> node.putObject("scope").put("name", scopeName(reader.message()));
                case 2 -> records.add(logRecord(reader.message()));
                default -> reader.skip();
            }
        }
        return node;
    }

    private static String scopeName(ProtoReader reader) {
        String name = "";
        while (reader.next()) {
            if (reader.field() == 1) {
                name = reader.string();
            } else {
                reader.skip();
            }
        }
        return name;
    }

    private static ObjectNode logRecord(ProtoReader reader) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode attributes = node.putArray("attributes");
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> node.put("timeUnixNano", unsigned(reader, true));
                case 11 -> node.put("observedTimeUnixNano", unsigned(reader, true));
                case 2 -> node.put("severityNumber", unsigned(reader, false));
                case 3 -> node.put("severityText", reader.string());
                case 5 -> node.set("body", anyValue(reader.message(), 0));
                case 6 -> attributes.add(keyValue(reader.message(), 0));
                default -> reader.skip();
            }
        }
        return node;
    }

    private static String unsigned(ProtoReader reader, boolean fixed) {
        reader.expect(fixed ? ProtoReader.FIXED64 : ProtoReader.VARINT);
        return Long.toUnsignedString(fixed ? reader.fixed64() : reader.varint());
    }

    private static ArrayNode keyValues(ProtoReader reader, int field, int depth) {
        ArrayNode values = Json.MAPPER.createArrayNode();
        while (reader.next()) {
            if (reader.field() == field) {
                values.add(keyValue(reader.message(), depth));
            } else {
                reader.skip();
            }
        }
        return values;
    }

    private static ObjectNode keyValue(ProtoReader reader, int depth) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> node.put("key", reader.string());
                case 2 -> node.set("value", anyValue(reader.message(), depth + 1));
                default -> reader.skip();
            }
        }
        return node;
    }

    private static ObjectNode anyValue(ProtoReader reader, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedRecordException("OTLP value nested deeper than " + MAX_DEPTH + " levels");
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        while (reader.next()) {
            switch (reader.field()) {
                case 1 -> node.put("stringValue", reader.string());
                case 2 -> node.put("boolValue", !unsigned(reader, false).equals("0"));
                case 3 -> node.put("intValue", Long.toString(Long.parseUnsignedLong(unsigned(reader, false))));
                case 4 -> {
                    reader.expect(ProtoReader.FIXED64);
                    node.put("doubleValue", Double.longBitsToDouble(reader.fixed64()));
                }
                case 5 -> node.putObject("arrayValue").set("values", anyValues(reader.message(), depth + 1));
                case 6 -> node.putObject("kvlistValue").set("values", keyValues(reader.message(), 1, depth + 1));
                case 7 -> node.put("bytesValue", Base64.getEncoder().encodeToString(reader.bytes()));
                default -> reader.skip();
            }
        }
        return node;
    }

    private static ArrayNode anyValues(ProtoReader reader, int depth) {
        ArrayNode values = Json.MAPPER.createArrayNode();
        while (reader.next()) {
            if (reader.field() == 1) {
                values.add(anyValue(reader.message(), depth));
            } else {
                reader.skip();
            }
        }
        return values;
    }
}
