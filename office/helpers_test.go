package office

import "nianbao/importer"

func importerOptions(agency string, year int) importer.Options {
	return importer.Options{Agency: agency, Year: year}
}
