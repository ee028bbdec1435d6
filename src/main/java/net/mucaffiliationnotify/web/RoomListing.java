package net.mucaffiliationnotify.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.servlet.http.HttpServletResponse;

import net.mucaffiliationnotify.settings.RoomInfo;

/**
 * Search and paging of a service's rooms for the overview page: the page renders only the rows of the
 * current page, so that services with many thousand rooms stay usable.
 */
final class RoomListing {
    /** The page sizes offered. */
    static final List<Integer> RANGES = List.of(25, 50, 100);
    static final int DEFAULT_RANGE = 25;
    /** Longest search text accepted. */
    static final int MAX_QUERY_LENGTH = 200;
    /** Pages linked on each side of the current one. */
    static final int PAGE_LINK_WINDOW = 3;

    final List<RoomInfo> rows;
    final int matching;
    final int start;
    final int range;

    private RoomListing(List<RoomInfo> rows, int matching, int start, int range) {
        this.rows = rows;
        this.matching = matching;
        this.start = start;
        this.range = range;
    }

    /**
     * @param value the {@code start} parameter: the index of the first row (0 when absent)
     * @throws PageProblem 400 when it is not a whole number of 0 or more
     */
    static int parseStart(String value, Messages messages) throws PageProblem {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST, messages.format("error.start", value));
        }
        return Integer.parseInt(value);
    }

    /**
     * @param value the {@code range} parameter: rows per page ({@value #DEFAULT_RANGE} when absent)
     * @throws PageProblem 400 when it is not one of {@link #RANGES}
     */
    static int parseRange(String value, Messages messages) throws PageProblem {
        if (value == null || value.isEmpty()) {
            return DEFAULT_RANGE;
        }
        for (int range : RANGES) {
            if (Integer.toString(range).equals(value)) {
                return range;
            }
        }
        throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST, messages.format("error.range", value));
    }

    /**
     * @param value the {@code q} parameter
     * @return it trimmed ("" when absent)
     * @throws PageProblem 400 when it is longer than {@value #MAX_QUERY_LENGTH} characters
     */
    static String parseQuery(String value, Messages messages) throws PageProblem {
        if (value == null) {
            return "";
        }
        final String trimmed = value.trim();
        if (trimmed.length() > MAX_QUERY_LENGTH) {
            throw new PageProblem(HttpServletResponse.SC_BAD_REQUEST,
                messages.format("error.query", MAX_QUERY_LENGTH));
        }
        return trimmed;
    }

    /**
     * @param rooms a service's rooms, sorted
     * @param query search text: rooms whose name, natural name or description contains it, ignoring case
     * @param start index of the first row wanted; past the end, the last page is shown
     * @param range rows per page
     * @return the rows of the page
     */
    static RoomListing of(List<RoomInfo> rooms, String query, int start, int range) {
        final List<RoomInfo> matches;
        if (query.isEmpty()) {
            matches = rooms;
        } else {
            final String needle = query.toLowerCase(Locale.ROOT);
            matches = new ArrayList<>();
            for (RoomInfo room : rooms) {
                if (contains(room.key().room(), needle) || contains(room.naturalName(), needle)
                    || contains(room.description(), needle)) {
                    matches.add(room);
                }
            }
        }
        final int total = matches.size();
        int first = start;
        if (first >= total) {
            first = total == 0 ? 0 : ((total - 1) / range) * range;
        }
        final int end = Math.min(total, first + range);
        final List<RoomInfo> rows = total == 0 ? Collections.emptyList()
            : Collections.unmodifiableList(new ArrayList<>(matches.subList(first, end)));
        return new RoomListing(rows, total, first, range);
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** @return the number of pages (at least 1) */
    int pages() {
        return matching == 0 ? 1 : (matching + range - 1) / range;
    }

    /** @return the current page, from 1 */
    int page() {
        return start / range + 1;
    }

    /**
     * @return the pages to link: the first, the last and {@value #PAGE_LINK_WINDOW} around the current one,
     *     in order, with 0 where pages are left out
     */
    List<Integer> pageLinks() {
        final int pages = pages();
        final int current = page();
        final List<Integer> links = new ArrayList<>();
        int previous = 0;
        for (int page = 1; page <= pages; page++) {
            if (page == 1 || page == pages || Math.abs(page - current) <= PAGE_LINK_WINDOW) {
                if (previous != 0 && page - previous > 1) {
                    links.add(0);
                }
                links.add(page);
                previous = page;
            } else if (page < current - PAGE_LINK_WINDOW) {
                page = current - PAGE_LINK_WINDOW - 1;
            } else {
                page = pages - 1;
            }
        }
        return links;
    }
}
