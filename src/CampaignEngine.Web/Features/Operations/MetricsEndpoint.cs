using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Metrics;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Operations;

internal sealed class MetricsOptions
{
    /// <summary>The bearer token a Prometheus server scrapes with; empty: only a signed-in admin (or an admin's API key) may read.</summary>
    public string? Token { get; set; }
}

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format, for the configured scrape token (<c>Authorization: Bearer …</c>)
/// or an admin. Counts and queue figures only: no person, address or token is ever a label.
/// </summary>
internal static class MetricsEndpoint
{
    public static void MapMetrics(this WebApplication app) =>
        // Anonymous to the framework: the token is no user, so the check is here.
        app.MapMethods("/metrics", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, PrometheusExposition exposition, IOptions<MetricsOptions> options) =>
        {
            if (!HoldsToken(http, options.Value.Token) && !http.User.IsInRole(Roles.Admin))
                return http.User.Identity?.IsAuthenticated == true ? Results.StatusCode(StatusCodes.Status403Forbidden) : Unauthorized(http);
            return Results.Text(exposition.Scrape(), PrometheusExposition.ContentType);
        }).AllowAnonymous();

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    private static bool HoldsToken(HttpContext http, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
