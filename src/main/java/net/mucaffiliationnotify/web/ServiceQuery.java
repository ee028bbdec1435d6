package net.mucaffiliationnotify.web;

import static net.mucaffiliationnotify.web.ServiceSettingsServlet.PATH;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.QUERY_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.RANGE_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.SERVICE_PARAMETER;
import static net.mucaffiliationnotify.web.ServiceSettingsServlet.START_PARAMETER;

/** The overview page's validated parameters: which service, and which part of its room list. */
final class ServiceQuery {
    final String service;
    final String domain;
    final String query;
    final int start;
    final int range;

    ServiceQuery(String service, String domain, String query, int start, int range) {
        this.service = service;
        this.domain = domain;
        this.query = query;
        this.start = start;
        this.range = range;
    }

    /** @return the page's address with these parameters, relative to the plugin's folder */
    String url(int first) {
        final StringBuilder url = new StringBuilder(PATH).append('?').append(SERVICE_PARAMETER).append('=')
            .append(Html.url(service));
        if (!query.isEmpty()) {
            url.append('&').append(QUERY_PARAMETER).append('=').append(Html.url(query));
        }
        if (first > 0) {
            url.append('&').append(START_PARAMETER).append('=').append(first);
        }
        if (range != RoomListing.DEFAULT_RANGE) {
            url.append('&').append(RANGE_PARAMETER).append('=').append(range);
        }
        return url.toString();
    }
}
