// Package office holds what an officer does to whole reports, once for both
// front ends: create a report, start next year's from last year's, change a
// report's header and its link to last year, import a file (with replace),
// export (format, file name, replacing, recording the export in the
// report's history), find last year's report, and read every report for a
// check. The command line (cli/) and the UI (ui/) parse, draw and route
// keys; neither decides anything here, so they cannot decide it differently.
//
// Its errors are facts, typed where a front end must tell them apart; each
// front end says what to do in its own terms (its commands, its keys).
package office
