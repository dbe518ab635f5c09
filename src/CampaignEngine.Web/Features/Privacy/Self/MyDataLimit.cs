using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Privacy.Self;

/// <summary>
/// How many downloads of everything held about a person one link may make (<c>RateLimits:MyDataExportsPerHour</c>, 5),
/// on top of the page's own limit: the export reads every feature's tables, and a leaked link must not become a way to
/// pull a person's file again and again. Keyed by the link's hash.
/// </summary>
internal sealed class MyDataLimit(IConfiguration configuration) : IDisposable
{
    private readonly KeyedLimit<string> _limit = new(configuration.GetValue("RateLimits:MyDataExportsPerHour", 5), TimeSpan.FromHours(1));

    public TimeSpan? Refusal(string token) => _limit.Refusal(MyPageLimit.KeyOf(token));

    public void Dispose() => _limit.Dispose();
}
