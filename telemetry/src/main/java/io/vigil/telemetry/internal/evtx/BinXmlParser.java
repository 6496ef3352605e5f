package io.vigil.telemetry.internal.evtx;

import static io.vigil.telemetry.internal.evtx.BinXmlTokens.ATTRIBUTE;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.CDATA;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.CHAR_REF;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.CLOSE_EMPTY;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.CLOSE_START;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.END_ELEMENT;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.ENTITY_REF;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.EOF;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.FRAGMENT_HEADER;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.MORE_BIT;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.NORMAL_SUBSTITUTION;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.OPEN_START;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.OPTIONAL_SUBSTITUTION;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.PI_DATA;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.PI_TARGET;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.TEMPLATE_INSTANCE;
import static io.vigil.telemetry.internal.evtx.BinXmlTokens.VALUE;

import io.vigil.telemetry.internal.MalformedRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads binary XML tokens from one chunk into {@link BinXmlNode} trees. Names and template
 * definitions are referenced by chunk offset and cached for the chunk's lifetime. Every read is
 * bounds-checked and nesting is limited, so hostile input fails as a malformed record.
 */
final class BinXmlParser {
    private static final int MAX_DEPTH = 64;

    private final byte[] chunk;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, List<BinXmlNode>> templates = new HashMap<>();
    private int pos;
    private int limit;
    private int depth;

    BinXmlParser(byte[] chunk) {
        this.chunk = chunk;
    }

    /** Parses a fragment (header, elements or a template instance, end-of-stream) in [start, end). */
    List<BinXmlNode> parseFragment(int start, int end) {
        int savedPos = pos;
        int savedLimit = limit;
        pos = start;
        limit = end;
        try {
            return content(false, true);
        } finally {
            pos = savedPos;
            limit = savedLimit;
        }
    }

    private List<BinXmlNode> content(boolean inTemplate, boolean fragmentLevel) {
        enter();
        List<BinXmlNode> nodes = new ArrayList<>();
        while (pos < limit) {
            int token = Bytes.u8(chunk, pos, limit);
            int kind = token & ~MORE_BIT;
            if (kind == EOF || kind == END_ELEMENT) {
                if (kind == END_ELEMENT && fragmentLevel) {
                    throw malformed("end of element outside an element", pos);
                }
                pos++;
                depth--;
                return nodes;
            }
            BinXmlNode node = node(token, inTemplate);
            if (node != null) {
                nodes.add(node);
            }
        }
        if (fragmentLevel) {
            depth--;
            return nodes;
        }
        throw malformed("binary XML ends inside an element", pos);
    }

    /** Reads one content token; returns {@code null} for tokens that produce no node. */
    private @Nullable BinXmlNode node(int token, boolean inTemplate) {
        switch (token & ~MORE_BIT) {
            case FRAGMENT_HEADER -> {
                pos += 4;
                return null;
            }
            case PI_TARGET -> {
                pos++;
                name(Bytes.u32AsInt(chunk, pos, limit));
                return null;
            }
            case PI_DATA -> {
                pos++;
                int chars = Bytes.u16(chunk, pos, limit);
                pos += 2 + chars * 2;
                return null;
            }
            case OPEN_START -> {
                return element(token, inTemplate);
            }
            case VALUE -> {
                return new BinXmlNode.Text(valueText());
            }
            case CDATA -> {
                return new BinXmlNode.Text(cdata());
            }
            case CHAR_REF -> {
                return new BinXmlNode.Text(charRef());
            }
            case ENTITY_REF -> {
                return new BinXmlNode.Text(entityRef());
            }
            case NORMAL_SUBSTITUTION, OPTIONAL_SUBSTITUTION -> {
                return substitution(token);
            }
            case TEMPLATE_INSTANCE -> {
                return templateInstance();
            }
            default -> throw malformed("unknown binary XML token 0x" + Integer.toHexString(token), pos);
        }
    }

    private BinXmlNode element(int token, boolean inTemplate) {
        int start = pos;
        pos++;
        boolean dependency = inTemplate;
        if (!plausibleElementHeader(pos + (dependency ? 2 : 0))) {
            dependency = !dependency;
        }
        if (dependency) {
            pos += 2;
        }
        pos += 4; // data size
        String name = name(Bytes.u32AsInt(chunk, pos, limit));
        List<BinXmlNode.Attribute> attributes = new ArrayList<>();
        if ((token & MORE_BIT) != 0) {
            pos += 4; // attribute list size
            boolean more = true;
            while (more) {
                int attributeToken = Bytes.u8(chunk, pos, limit);
                if ((attributeToken & ~MORE_BIT) != ATTRIBUTE) {
                    throw malformed("expected an attribute", pos);
                }
                more = (attributeToken & MORE_BIT) != 0;
                pos++;
                String attributeName = name(Bytes.u32AsInt(chunk, pos, limit));
                attributes.add(new BinXmlNode.Attribute(attributeName, attributeValue()));
            }
        }
        int close = Bytes.u8(chunk, pos, limit);
        pos++;
        List<BinXmlNode> content;
        if (close == CLOSE_EMPTY) {
            content = List.of();
        } else if (close == CLOSE_START) {
            content = content(inTemplate, false);
        } else {
            throw malformed("element started at " + start + " is not closed", pos - 1);
        }
        return new BinXmlNode.Element(name, attributes, content);
    }

    /** Checks that a name offset at {@code offset + 4} points inside the chunk, before or at itself. */
    private boolean plausibleElementHeader(int offset) {
        if (offset < 0 || offset + 8 > limit) {
            return false;
        }
        long nameOffset = Bytes.u32(chunk, offset + 4, limit);
        return nameOffset <= offset + 8 && nameOffset < chunk.length;
    }

    private List<BinXmlNode> attributeValue() {
        List<BinXmlNode> parts = new ArrayList<>();
        while (pos < limit) {
            int token = Bytes.u8(chunk, pos, limit) & ~MORE_BIT;
            switch (token) {
                case VALUE -> parts.add(new BinXmlNode.Text(valueText()));
                case CHAR_REF -> parts.add(new BinXmlNode.Text(charRef()));
                case ENTITY_REF -> parts.add(new BinXmlNode.Text(entityRef()));
                case NORMAL_SUBSTITUTION, OPTIONAL_SUBSTITUTION -> parts.add(substitution(token));
                default -> {
                    return parts;
                }
            }
        }
        return parts;
    }

    private String valueText() {
        pos++;
        int type = Bytes.u8(chunk, pos, limit);
        pos++;
        if (type != BinXmlValues.STRING) {
            throw malformed("value token of unsupported type 0x" + Integer.toHexString(type), pos - 1);
        }
        int chars = Bytes.u16(chunk, pos, limit);
        pos += 2;
        String text = Bytes.utf16(chunk, pos, chars * 2, limit);
        pos += chars * 2;
        return text;
    }

    private String cdata() {
        pos++;
        int chars = Bytes.u16(chunk, pos, limit);
        pos += 2;
        String text = Bytes.utf16(chunk, pos, chars * 2, limit);
        pos += chars * 2;
        return text;
    }

    private String charRef() {
        pos++;
        int value = Bytes.u16(chunk, pos, limit);
        pos += 2;
        return String.valueOf((char) value);
    }

    private String entityRef() {
        pos++;
        String entity = name(Bytes.u32AsInt(chunk, pos, limit));
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + entity + ";";
        };
    }

    private BinXmlNode substitution(int token) {
        int index = Bytes.u16(chunk, pos + 1, limit);
        Bytes.u8(chunk, pos + 3, limit); // value type, taken from the instance's descriptor instead
        pos += 4;
        return new BinXmlNode.Substitution(index, (token & ~MORE_BIT) == OPTIONAL_SUBSTITUTION);
    }

    private BinXmlNode templateInstance() {
        pos += 2; // token, unknown byte
        pos += 4; // template id
        int definitionOffset = Bytes.u32AsInt(chunk, pos, limit);
        pos += 4;
        List<BinXmlNode> template = templates.get(definitionOffset);
        int dataSize = Bytes.u32AsInt(chunk, definitionOffset + 20, chunk.length);
        if (template == null) {
            int bodyStart = definitionOffset + 24;
            Bytes.check(chunk, bodyStart, dataSize, chunk.length);
            int savedPos = pos;
            int savedLimit = limit;
            pos = bodyStart;
            limit = bodyStart + dataSize;
            try {
                template = content(true, true);
            } finally {
                pos = savedPos;
                limit = savedLimit;
            }
            templates.put(definitionOffset, template);
        }
        if (definitionOffset == pos) {
            pos = definitionOffset + 24 + dataSize;
        }
        return new BinXmlNode.TemplateInstance(template, values());
    }

    private List<BinXmlNode.Value> values() {
        int count = Bytes.u32AsInt(chunk, pos, limit);
        pos += 4;
        Bytes.check(chunk, pos, count * 4, limit);
        int[] sizes = new int[count];
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Bytes.u16(chunk, pos, limit);
            types[i] = Bytes.u8(chunk, pos + 2, limit);
            pos += 4;
        }
        List<BinXmlNode.Value> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Bytes.check(chunk, pos, sizes[i], limit);
            values.add(new BinXmlNode.Value(types[i], pos, sizes[i]));
            pos += sizes[i];
        }
        return values;
    }

    private String name(int offset) {
        boolean inline = offset == pos + 4;
        pos += 4;
        String cached = names.get(offset);
        int chars = Bytes.u16(chunk, offset + 6, chunk.length);
        if (cached == null) {
            cached = Bytes.utf16(chunk, offset + 8, chars * 2, chunk.length);
            names.put(offset, cached);
        }
        if (inline) {
            pos = offset + 8 + chars * 2 + 2;
        }
        return cached;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw malformed("binary XML nested deeper than " + MAX_DEPTH + " levels", pos);
        }
    }

    /** Resets the nesting depth after a failed record. */
    void reset() {
        depth = 0;
    }

    private static MalformedRecordException malformed(String message, int offset) {
        return new MalformedRecordException(message + " (chunk offset " + offset + ")");
    }
}
