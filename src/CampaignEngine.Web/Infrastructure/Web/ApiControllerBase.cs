using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>Base of the JSON API controllers: authenticated with an API key (or the page cookie), problem details on errors.</summary>
[ApiController]
// API calls authenticate with API keys only: a browser cookie must not be able to drive the API (CSRF).
[Authorize(Policy = Roles.Staff, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
public abstract class ApiControllerBase : ControllerBase
{
    protected CurrentUser Me => HttpContext.CurrentUser();
}
