package io.vigil.server.intel;

import java.util.Locale;

/** What a feed's location serves, and so which importer reads it. */
public enum FeedKind {
    /** A STIX 2.1 bundle (JSON) at a URL or in a file. */
    STIX,
    /** A TAXII 2.1 collection: the location is the API root URL, the collection its id. */
    TAXII,
    /** A MISP feed: the location is the folder or base URL holding {@code manifest.json} and the event files. */
    MISP_FEED,
    /** One MISP JSON event (or a list of them). */
    MISP_EVENT,
    /** abuse.ch URLhaus CSV. */
    URLHAUS,
    /** abuse.ch ThreatFox CSV. */
    THREATFOX,
    /** abuse.ch MalwareBazaar CSV. */
    MALWAREBAZAAR,
    /** abuse.ch Feodo Tracker IP block list CSV. */
    FEODO,
    /** Infoblox threat-intelligence CSV ({@code type,indicator,classification,detected_date}). */
    INFOBLOX;

    /** Parses a kind name in any case ({@code misp_feed}, {@code MISP-FEED}); throws with the accepted names. */
    public static FeedKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown feed kind or format '" + IocValues.clip(name)
                    + "'; use one of stix, taxii, misp_feed, misp_event, urlhaus, threatfox, malwarebazaar,"
                    + " feodo, infoblox");
        }
    }
}
