// Package importer reads a published annual report on government information
// disclosure back into a model.Report: the plain text of a web page (UTF-8 or
// GBK), a saved HTML page, or nianbao's own JSON. Most agencies have last
// year's report only as a published page; importing it lets the officer start
// this year's report from it.
//
// The importer never guesses a figure. A cell it cannot place, or that the
// source leaves blank or marks with a dash, stays empty and is reported in a
// Chinese import note, as is every printed total that disagrees with the sum
// of its cells and any text it could not place.
package importer
