package api

func (a *API) ticketBulkRoutes() []route { return nil }
