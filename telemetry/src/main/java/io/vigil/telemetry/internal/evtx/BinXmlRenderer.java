package io.vigil.telemetry.internal.evtx;

import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.windows.XmlElement;
import java.util.List;

/** Fills parsed templates with their substitution values, producing an element tree. */
final class BinXmlRenderer {
    private static final int MAX_NODES = 100_000;
    private static final int MAX_DEPTH = 32;

    private final byte[] chunk;
    private final BinXmlParser parser;
    private int nodes;
    private int depth;

    BinXmlRenderer(byte[] chunk, BinXmlParser parser) {
        this.chunk = chunk;
        this.parser = parser;
    }

    /** Renders a record's binary XML fragment in [start, end) into a document root. */
    XmlElement render(int start, int end) {
        nodes = 0;
        depth = 0;
        XmlElement root = new XmlElement("#document");
        fill(parser.parseFragment(start, end), List.of(), root);
        return root;
    }

    private void fill(List<BinXmlNode> content, List<BinXmlNode.Value> values, XmlElement parent) {
        if (++depth > MAX_DEPTH) {
            throw new MalformedRecordException("templates nested deeper than " + MAX_DEPTH + " levels");
        }
        for (BinXmlNode node : content) {
            if (++nodes > MAX_NODES) {
                throw new MalformedRecordException("record expands to more than " + MAX_NODES + " nodes");
            }
            switch (node) {
                case BinXmlNode.Element element -> parent.add(element(element, values));
                case BinXmlNode.Text text -> parent.appendText(text.value());
                case BinXmlNode.Substitution substitution -> substitute(substitution, values, parent);
                case BinXmlNode.TemplateInstance instance -> fill(instance.template(), instance.values(), parent);
            }
        }
        depth--;
    }

    private XmlElement element(BinXmlNode.Element node, List<BinXmlNode.Value> values) {
        XmlElement element = new XmlElement(node.name());
        for (BinXmlNode.Attribute attribute : node.attributes()) {
            StringBuilder value = new StringBuilder();
            boolean present = false;
            for (BinXmlNode part : attribute.value()) {
                switch (part) {
                    case BinXmlNode.Text text -> {
                        value.append(text.value());
                        present = true;
                    }
                    case BinXmlNode.Substitution substitution -> {
                        BinXmlNode.Value v = valueAt(substitution.index(), values);
                        if (v != null && !(substitution.optional() && isEmpty(v))) {
                            value.append(BinXmlValues.render(chunk, v));
                            present = true;
                        }
                    }
                    case BinXmlNode.Element ignored -> throw new MalformedRecordException("element in attribute");
                    case BinXmlNode.TemplateInstance ignored ->
                        throw new MalformedRecordException("template in attribute");
                }
            }
            if (present) {
                element.attribute(attribute.name(), value.toString());
            }
        }
        fill(node.content(), values, element);
        return element;
    }

    private void substitute(BinXmlNode.Substitution substitution, List<BinXmlNode.Value> values, XmlElement parent) {
        BinXmlNode.Value value = valueAt(substitution.index(), values);
        if (value == null || isEmpty(value)) {
            return;
        }
        if (value.type() == BinXmlValues.BIN_XML) {
            fill(parser.parseFragment(value.offset(), value.offset() + value.size()), List.of(), parent);
        } else {
            parent.appendText(BinXmlValues.render(chunk, value));
        }
    }

    private static BinXmlNode.@org.jspecify.annotations.Nullable Value valueAt(
            int index, List<BinXmlNode.Value> values) {
        return index < values.size() ? values.get(index) : null;
    }

    private static boolean isEmpty(BinXmlNode.Value value) {
        return value.type() == BinXmlValues.NULL || value.size() == 0;
    }
}
