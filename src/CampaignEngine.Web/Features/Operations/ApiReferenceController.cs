using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Operations;

/// <summary>The API's reference for staff: every operation of <c>/openapi/v1.json</c>, server-rendered, no scripts.</summary>
[Route("openapi"), Authorize(Policy = Roles.Staff)]
internal sealed class ApiReferenceController(ApiReference reference) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await reference.OperationsAsync(HttpContext.RequestAborted));
}
