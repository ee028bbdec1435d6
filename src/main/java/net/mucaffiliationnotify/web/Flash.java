package net.mucaffiliationnotify.web;

/**
 * A message for the page the browser is sent to next (after a POST), shown once.
 *
 * @param kind success, warning or error
 * @param text plain text
 */
record Flash(MessageKind kind, String text) {
}
