package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.internal.MalformedRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads binary XML tokens from one chunk into {@link BinXmlNode} trees. Names and template
 * definitions are referenced by chunk offset and cached for the chunk's lifetime. Every read is
 * bounds-checked and nesting is limited, so hostile input fails as a malformed record.
 */
final class BinXmlParser {
    private static final int MAX_DEPTH = 64;
    private static final int EOF = 0x00;
    private static final int OPEN_START = 0x01;
    private static final int CLOSE_START = 0x02;
    private static final int CLOSE_EMPTY = 0x03;
    private static final int END_ELEMENT = 0x04;
    private static final int VALUE = 0x05;
    private static final int ATTRIBUTE = 0x06;
    private static final int CDATA = 0x07;
    private static final int CHAR_REF = 0x08;
    private static final int ENTITY_REF = 0x09;
    private static final int PI_TARGET = 0x0A;
    private static final int PI_DATA = 0x0B;
    private static final int TEMPLATE_INSTANCE = 0x0C;
    private static final int NORMAL_SUBSTITUTION = 0x0D;
    private static final int OPTIONAL_SUBSTITUTION = 0x0E;
    private static final int FRAGMENT_HEADER = 0x0F;
    private static final int MORE_BIT = 0x40;

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
            switch (token & ~MORE_BIT) {
                case EOF -> {
                    pos++;
                    depth--;
                    return nodes;
                }
                case END_ELEMENT -> {
                    if (fragmentLevel) {
                        throw malformed("end of element outside an element", pos);
                    }
                    pos++;
                    depth--;
                    return nodes;
                }
                case FRAGMENT_HEADER -> pos += 4;
                case OPEN_START -> nodes.add(element(token, inTemplate));
                case VALUE -> nodes.add(new BinXmlNode.Text(valueText()));
                case CDATA -> nodes.add(new BinXmlNode.Text(cdata()));
                case CHAR_REF -> nodes.add(new BinXmlNode.Text(charRef()));
                case ENTITY_REF -> nodes.add(new BinXmlNode.Text(entityRef()));
                case NORMAL_SUBSTITUTION, OPTIONAL_SUBSTITUTION -> nodes.add(substitution(token));
                case TEMPLATE_INSTANCE -> nodes.add(templateInstance());
                case PI_TARGET -> {
                    pos++;
                    name(Bytes.u32AsInt(chunk, pos, limit));
                }
                case PI_DATA -> {
                    pos++;
                    int chars = Bytes.u16(chunk, pos, limit);
                    pos += 2 + chars * 2;
                }
                default -> throw malformed("unknown binary XML token 0x" + Integer.toHexString(token), pos);
            }
        }
        if (fragmentLevel) {
            depth--;
            return nodes;
        }
        throw malformed("binary XML ends inside an element", pos);
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
