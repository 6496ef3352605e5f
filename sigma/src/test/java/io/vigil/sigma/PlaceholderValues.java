package io.vigil.sigma;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Example values for every placeholder used in SigmaHQ's rules-placeholder folder. */
final class PlaceholderValues {
    static final Map<String, List<String>> ALL = Stream.of(
                    "Administrators",
                    "Admins_Workstations",
                    "ApprovedUserUpn",
                    "Approved_Inviters",
                    "DC-MACHINE-NAME",
                    "DomainControllers",
                    "HomeTenantID",
                    "Important_AppIds",
                    "KNOWN_LOCATION",
                    "Known_Location",
                    "Legitimate_Countries",
                    "Legitimate_IP_Ranges",
                    "ServerSystems",
                    "UnApprovedDevice",
                    "UnApprovedIp",
                    "UnLegitCountries",
                    "Workstations",
                    "dc_ip_addresses",
                    "dc_machine_accounts",
                    "domain_controller_hostnames",
                    "internal_domains",
                    "legit_ips",
                    "legtimate_identifiers",
                    "userdomain")
            .collect(Collectors.toUnmodifiableMap(Function.identity(), n -> List.of("example-" + n, "10.0.0.1")));

    private PlaceholderValues() {}
}
