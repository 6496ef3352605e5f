package io.vigil.telemetry.internal.evtx;

/** Binary XML token values (the low 6 bits; {@link #MORE_BIT} flags attributes or more data). */
final class BinXmlTokens {
    static final int EOF = 0x00;
    static final int OPEN_START = 0x01;
    static final int CLOSE_START = 0x02;
    static final int CLOSE_EMPTY = 0x03;
    static final int END_ELEMENT = 0x04;
    static final int VALUE = 0x05;
    static final int ATTRIBUTE = 0x06;
    static final int CDATA = 0x07;
    static final int CHAR_REF = 0x08;
    static final int ENTITY_REF = 0x09;
    static final int PI_TARGET = 0x0A;
    static final int PI_DATA = 0x0B;
    static final int TEMPLATE_INSTANCE = 0x0C;
    static final int NORMAL_SUBSTITUTION = 0x0D;
    static final int OPTIONAL_SUBSTITUTION = 0x0E;
    static final int FRAGMENT_HEADER = 0x0F;
    static final int MORE_BIT = 0x40;

    private BinXmlTokens() {}
}
