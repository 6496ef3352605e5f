package io.vigil.server.ingest;

import io.vigil.server.platform.TenantId;
import org.jspecify.annotations.Nullable;

/** Who is sending: a shipper or enrollment key, or an enrolled agent. Decides tenant and asset. */
public sealed interface IngestCredential {

    TenantId tenant();

    /** The asset every event belongs to, or {@code null} when each record names its host. */
    @Nullable
    String asset();

    /** For logs and audit: {@code key:<id>} or {@code agent:<id>}. */
    String principal();

    /**
     * An ingest key.
     *
     * @param key the key
     */
    record Key(IngestKey key) implements IngestCredential {
        @Override
        public TenantId tenant() {
            return key.tenant();
        }

        @Override
        public @Nullable String asset() {
            return null;
        }

        @Override
        public String principal() {
            return "key:" + key.id();
        }
    }

    /**
     * A person or API connection uploading a file for a tenant (offline investigations).
     *
     * @param tenant the tenant the file's events belong to
     * @param asset the asset, or {@code null} to take each record's host name
     * @param uploader who uploaded it
     */
    record Upload(TenantId tenant, @Nullable String asset, String uploader) implements IngestCredential {
        @Override
        public String principal() {
            return "upload:" + uploader;
        }
    }

    /**
     * An agent's own credentials.
     *
     * @param agent the agent
     */
    record AgentCredential(Agent agent) implements IngestCredential {
        @Override
        public TenantId tenant() {
            return agent.tenant();
        }

        @Override
        public String asset() {
            return agent.hostName();
        }

        @Override
        public String principal() {
            return "agent:" + agent.id();
        }
    }
}
