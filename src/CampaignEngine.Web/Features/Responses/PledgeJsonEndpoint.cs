using System.Globalization;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// <c>POST /r/{token}/pledge</c> with a JSON body, for apps and chatbots; the form of the same address stays in
/// <see cref="PublicController"/>. This is the busiest endpoint of a national appeal, so it is a plain endpoint
/// rather than an MVC action: controller activation, model binding with validation and formatter selection cost
/// more than its own work (measured by bench/, pledge intake). It answers exactly as the action did: the same
/// problem details for a bad body or field, the same 201 with the pledge's address.
/// </summary>
internal static class PledgeJsonEndpoint
{
    public static void MapPledgeJson(this IEndpointRouteBuilder app) => app.MapPublicJsonPost<PledgeInput>("/r/{token}/pledge", HandleAsync);

    private static async Task HandleAsync(string token, HttpContext http, TrackedMessages messages, PledgeRecorder recorder,
        ICampaignProjects projects, Rates rates, IOptions<JsonOptions> json, IOptions<PledgeOptions> pledgeOptions, TimeProvider clock)
    {
        if (messages.FindForPledge(token) is not { } link)
        {
            await PublicJsonEndpoint.RefuseAsync(http, Problems.NotFound("This link is not valid."));
            return;
        }
        // A bad body is answered under the JSON path of the bad value (JsonBodies), as MVC reports a body that does not bind.
        if (await JsonBodies.ReadAsync<PledgeInput>(http, json.Value.JsonSerializerOptions) is not { } input) return;
        if (LinkPledgeRules.Problem(input, rates, projects, link.CampaignId) is { } p)
        {
            await PublicJsonEndpoint.RefuseAsync(http, Problems.Invalid(p.Field, p.Message));
            return;
        }
        var recorded = await recorder.RecordThroughLinkAsync(link.CompatriotId, input, new PledgeOrigin("self", null, link.CampaignId, link.MessageId), link.Person);
        if (recorded.Id is not { } id)
        {
            await PublicJsonEndpoint.TooManyAsync(http, TimeSpan.FromSeconds(LinkPledgeRules.SecondsToNextDay(clock.GetUtcNow())),
                LinkPledgeRules.LimitMessage(pledgeOptions.Value.PerLinkPerDay));
            return;
        }
        http.Response.StatusCode = StatusCodes.Status201Created;
        http.Response.Headers.Location = $"/api/pledges/{id.ToString(CultureInfo.InvariantCulture)}";
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync($$"""{"id":{{id.ToString(CultureInfo.InvariantCulture)}},"status":"{{recorded.Status}}"}""", http.RequestAborted);
    }
}
