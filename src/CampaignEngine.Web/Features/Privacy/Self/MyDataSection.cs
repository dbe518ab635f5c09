using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Features.Privacy.Requests;

namespace CampaignEngine.Web.Features.Privacy.Self;

/// <summary>The "my data" section: the download, and the erasure request with its state and outcome (or the way to ask).</summary>
/// <param name="Notice">What the person just did here: <c>erasure-requested</c> after asking.</param>
internal sealed record MyDataView(string Token, ErasureRequest? Request, int Days, string? Notice);

/// <summary>
/// Adds "my data" to the person's own page (<see cref="IMyPageSections"/>), last: the person downloads what is held about
/// them and asks to be erased; a request shows its state, its due date, and a refusal's reason.
/// </summary>
internal sealed class MyDataSection(ErasureRequests requests) : IMyPageSections
{
    public const string Requested = "erasure-requested";

    public int Order => 90;

    public IEnumerable<MyPageSection> For(MyPageVisit visit)
    {
        yield return new MyPageSection("data", "me.data.title", "~/Features/Privacy/Views/_MyData.cshtml",
            new MyDataView(visit.Token, requests.Latest(visit.CompatriotId), requests.Days, visit.Notice == Requested ? visit.Notice : null));
    }
}
