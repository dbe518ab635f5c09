using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// The limit on pages anyone may open without signing in (certificate verification, message links):
/// enough for a person, too little to walk the serial space. Put <c>[EnableRateLimiting(PublicRateLimit.Policy)]</c> on them.
/// </summary>
internal static class PublicRateLimit
{
    public const string Policy = "public";

    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:PublicPerMinute", 60);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address; behind a reverse proxy, forwarded headers must be applied first or everyone shares one bucket.
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}
