using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Shared;

/// <summary>
/// Base of the JSON API controllers: authenticated with an API key (or the page cookie), problem details on errors. It
/// knows the signed-in user (<see cref="CurrentUser"/>), so it lives with the features, not in Infrastructure.
/// </summary>
[ApiController]
// API calls authenticate with API keys only: a browser cookie must not be able to drive the API (CSRF).
[Authorize(Policy = Roles.Staff, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal abstract class ApiControllerBase : ControllerBase
{
    protected CurrentUser Me => HttpContext.CurrentUser();

    /// <summary>What <see cref="Me"/> may see and act for.</summary>
    private protected AccessScope Scope => AccessScope.Of(Me);
}
