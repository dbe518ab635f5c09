using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Features.Sending;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>Sending's port for <c>links.me</c>: the directory keeps the links (<see cref="PersonalLinks"/>), this page's feature hands them over.</summary>
internal sealed class MyPageLinks(PersonalLinks links) : IPersonalLinks
{
    public Task<IReadOnlyDictionary<long, string>> ForBatchAsync(IReadOnlyCollection<long> compatriotIds) => links.EnsureForAsync(compatriotIds);
}
