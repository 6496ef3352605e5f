package io.vigil.telemetry.internal.windows;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.mapping.FieldMappings;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts an {@code <Event>} element tree (from EVTX, event XML or evtx_dump JSON) into a canonical
 * event. System values become fields named as Sigma rules use them ({@code EventID}, {@code Channel},
 * {@code Provider_Name}, {@code Computer}, …); {@code EventData/Data[@Name]} and the children of the
 * {@code UserData} element become fields under their own names; data-driven renames (Security 4688 →
 * process_creation names) are applied last. Values are stripped of surrounding white space, as
 * evtx_dump and the Sigma tool chain do.
 */
public final class WindowsEvents {
    private static final String UNKNOWN = "unknown";

    private WindowsEvents() {}

    /**
     * Builds the canonical event.
     *
     * @param event the {@code Event} element
     * @param format the input format
     * @param context tenant, asset and clock
     * @param raw the record as found in the input
     * @return the event
     * @throws MalformedRecordException when the record lacks an event id or a creation time
     */
    public static CanonicalEvent toCanonical(XmlElement event, SourceFormat format, ParseContext context, String raw) {
        if (!event.name().equals("Event")) {
            throw new MalformedRecordException("expected an Event element, found " + event.name());
        }
        XmlElement system = event.child("System");
        if (system == null) {
            throw new MalformedRecordException("Event has no System element");
        }
        FieldMappings mappings = FieldMappings.defaults();
        Map<String, String> fields = new LinkedHashMap<>();
        XmlElement provider = system.child("Provider");
        String providerName = provider == null ? "" : provider.attributes().getOrDefault("Name", "");
        String eventIdText = text(system, "EventID");
        int eventId = parseEventId(eventIdText);
        String channel = mappings.canonicalChannel(text(system, "Channel"));
        String computer = text(system, "Computer");
        String recordId = text(system, "EventRecordID");
        Instant time = creationTime(system);

        fields.put("EventID", Integer.toString(eventId));
        putIfPresent(fields, "Provider_Name", providerName);
        if (provider != null) {
            putIfPresent(fields, "Provider_Guid", provider.attributes().getOrDefault("Guid", ""));
        }
        putIfPresent(fields, "Channel", channel);
        putIfPresent(fields, "Computer", computer);
        putIfPresent(fields, "EventRecordID", recordId);
        for (String name : List.of("Version", "Level", "Task", "Opcode", "Keywords")) {
            putIfPresent(fields, name, text(system, name));
        }
        putAttribute(fields, system, "Execution", "ProcessID", "Execution_ProcessID");
        putAttribute(fields, system, "Execution", "ThreadID", "Execution_ThreadID");
        putAttribute(fields, system, "Security", "UserID", "Security_UserID");
        putAttribute(fields, system, "Correlation", "ActivityID", "Correlation_ActivityID");
        addEventData(event.child("EventData"), fields);
        addUserData(event.child("UserData"), fields);

        return assemble(
                new Header(eventId, channel, providerName, computer, recordId, time), fields, format, context, raw);
    }

    /**
     * The envelope-relevant values of a Windows record, whatever format it came in.
     *
     * @param eventId the event id
     * @param channel the canonical channel name
     * @param provider the provider name
     * @param computer the computer name ({@code ""} when unknown)
     * @param recordId the event record id ({@code ""} when unknown)
     * @param time when the event was created
     */
    public record Header(
            int eventId, String channel, String provider, String computer, String recordId, Instant time) {}

    /**
     * Builds the canonical event from a header and the record's fields: applies the data-driven
     * renames, resolves the asset, derives the stable id and looks up the Sigma category.
     *
     * @param header the envelope values
     * @param fields all fields of the record, system fields first
     * @param format the input format
     * @param context tenant, asset and clock
     * @param raw the record as found in the input
     * @return the event
     */
    public static CanonicalEvent assemble(
            Header header, Map<String, String> fields, SourceFormat format, ParseContext context, String raw) {
        FieldMappings mappings = FieldMappings.defaults();
        String computer = header.computer();
        String channel = header.channel();
        int eventId = header.eventId();
        Map<String, String> renamed = mappings.renameWindowsFields(channel, eventId, fields);
        AssetId asset = context.asset() != null
                ? context.asset()
                : new AssetId(computer.isBlank() ? UNKNOWN : computer.toLowerCase(Locale.ROOT));
        List<String> identity = header.recordId().isEmpty()
                ? List.of("raw", raw)
                : List.of(
                        "win",
                        computer.toLowerCase(Locale.ROOT),
                        channel.toLowerCase(Locale.ROOT),
                        header.recordId(),
                        Integer.toString(eventId));
        EventEnvelope envelope = new EventEnvelope(
                context.tenant(),
                asset,
                EventId.derive(context.tenant(), identity),
                header.time(),
                context.clock().instant(),
                format,
                new EventOrigin.Windows(channel, header.provider(), eventId),
                mappings.sigmaCategory(channel, eventId, renamed));
        return new CanonicalEvent(envelope, renamed, raw);
    }

    private static void addEventData(@Nullable XmlElement eventData, Map<String, String> fields) {
        if (eventData == null) {
            return;
        }
        int unnamed = 0;
        for (XmlElement data : eventData.children()) {
            // Sigma field names have no spaces: Defender's "Source Name" is SourceName in rules.
            String name = (data.name().equals("Data") ? data.attributes().getOrDefault("Name", "") : data.name())
                    .replace(" ", "");
            if (name.isEmpty()) {
                unnamed++;
                name = unnamed == 1 ? "Data" : "Data_" + unnamed;
            }
            fields.merge(name, deepText(data).strip(), (a, b) -> a + "," + b);
        }
    }

    private static void addUserData(@Nullable XmlElement userData, Map<String, String> fields) {
        if (userData == null) {
            return;
        }
        for (XmlElement wrapper : userData.children()) {
            for (XmlElement value : wrapper.children()) {
                fields.merge(value.name(), deepText(value).strip(), (a, b) -> a + "," + b);
            }
        }
    }

    private static String deepText(XmlElement element) {
        if (element.children().isEmpty()) {
            return element.text();
        }
        StringBuilder out = new StringBuilder(element.text());
        for (XmlElement child : element.children()) {
            out.append(deepText(child));
        }
        return out.toString();
    }

    private static Instant creationTime(XmlElement system) {
        XmlElement created = system.child("TimeCreated");
        String value = created == null ? "" : created.attributes().getOrDefault("SystemTime", "");
        if (value.isEmpty()) {
            throw new MalformedRecordException("Event has no TimeCreated/@SystemTime");
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("TimeCreated/@SystemTime is not an ISO-8601 time: " + value);
        }
    }

    /**
     * Parses a Windows event id.
     *
     * @param text the id as text
     * @return the id
     * @throws MalformedRecordException when it is not a number from 0 to 65535
     */
    public static int parseEventId(String text) {
        try {
            int id = Integer.parseInt(text.strip());
            if (id < 0 || id > 0xFFFF) {
                throw new MalformedRecordException("EventID out of range: " + text);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("EventID is not a number: '" + text + "'");
        }
    }

    private static String text(XmlElement parent, String childName) {
        XmlElement child = parent.child(childName);
        return child == null ? "" : child.text().strip();
    }

    private static void putAttribute(
            Map<String, String> fields, XmlElement system, String element, String attribute, String field) {
        XmlElement child = system.child(element);
        if (child != null) {
            putIfPresent(fields, field, child.attributes().getOrDefault(attribute, ""));
        }
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
