package io.vigil.server.intel;

import tools.jackson.databind.json.JsonMapper;

/** Chooses the importer for a format. Stateless and thread-safe. */
final class Importers {

    private final StixImporter stix;
    private final MispImporter misp;

    Importers(JsonMapper json) {
        this.stix = new StixImporter(json);
        this.misp = new MispImporter(json);
    }

    StixImporter stix() {
        return stix;
    }

    MispImporter misp() {
        return misp;
    }

    /**
     * Reads one document of {@code kind} into {@code report}. A MISP feed is several documents: use
     * {@link MispImporter#readFeed}; TAXII is read by the TAXII client.
     */
    void read(FeedKind kind, byte[] document, String name, ImportReport report) {
        switch (kind) {
            case STIX -> stix.read(document, name, report);
            case MISP_EVENT -> misp.readEvents(document, name, report);
            case URLHAUS, THREATFOX, MALWAREBAZAAR, FEODO, INFOBLOX -> CsvImporter.read(kind, document, name, report);
            case MISP_FEED, TAXII ->
                report.fail(name, kind + " is read from its location, not from one uploaded document");
        }
    }
}
