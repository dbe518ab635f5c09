using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// How often one personal link may be used (<c>RateLimits:MyPagePerTokenPerMinute</c>, 20 by default), on top of the
/// per-address limit of every public page: a link that leaked is not a way to hammer the person's page or their
/// preferences from many addresses. Keyed by a hash of the token, so the limiter's memory holds no link.
/// </summary>
internal sealed class MyPageLimit(IConfiguration configuration) : IDisposable
{
    private readonly KeyedLimit<string> _limit = new(configuration.GetValue("RateLimits:MyPagePerTokenPerMinute", 20), TimeSpan.FromMinutes(1));

    public TimeSpan? Refusal(string token) => _limit.Refusal(KeyOf(token));

    /// <summary>What a limiter keys a personal link by: a hash, so no limiter's memory holds a link.</summary>
    public static string KeyOf(string token) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..32];

    public void Dispose() => _limit.Dispose();
}
