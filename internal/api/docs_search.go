package api

func init() {
	addDocs(map[string]doc{
		"GET /api/v2/search": {Summary: "Search tickets, users, organizations and groups with Zendesk's query language; ranked, the first 1,000 results",
			Query: []string{"query", "sort_by", "sort_order"}, Out: offsetList{"results", searchResultDoc{}}},
		"GET /api/v2/search/count": {Summary: "Count a query's results", Query: []string{"query"}, Out: searchCountDoc{}},
		"GET /api/v2/search/export": {Summary: "Every result of a query of one type, by cursor, without the 1,000 limit",
			Query: []string{"query", "filter[type]", "page[size]:integer", "page[after]"}, Out: cursorList{"results", searchResultDoc{}}},
	})
}

// searchResultDoc is a search result: the record's fields plus result_type, for docs.
type searchResultDoc struct {
	ResultType string `json:"result_type"`
	ID         int64  `json:"id"`
	URL        string `json:"url"`
}

type searchCountDoc struct {
	Count int64 `json:"count"`
}
