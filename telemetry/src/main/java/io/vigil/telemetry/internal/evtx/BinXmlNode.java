package io.vigil.telemetry.internal.evtx;

import java.util.List;

/** A parsed binary XML node; templates are parsed once per chunk into such trees and then filled. */
sealed interface BinXmlNode
        permits BinXmlNode.Element, BinXmlNode.Text, BinXmlNode.Substitution, BinXmlNode.TemplateInstance {

    /** An element with attributes (each a list of value parts) and content. */
    record Element(String name, List<Attribute> attributes, List<BinXmlNode> content) implements BinXmlNode {}

    /** An attribute; its value is the concatenation of its parts. */
    record Attribute(String name, List<BinXmlNode> value) {}

    /** Literal character data. */
    record Text(String value) implements BinXmlNode {}

    /** A placeholder for the template instance's value at {@code index}. */
    record Substitution(int index, boolean optional) implements BinXmlNode {}

    /** A template applied to the values stored with this instance. */
    record TemplateInstance(List<BinXmlNode> template, List<Value> values) implements BinXmlNode {}

    /** A substitution value: its type and where its bytes are in the chunk. */
    record Value(int type, int offset, int size) {}
}
