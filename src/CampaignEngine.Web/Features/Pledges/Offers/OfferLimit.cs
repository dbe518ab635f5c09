using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Pledges.Offers;

/// <summary>
/// How many offers one client address may leave on project pages (<c>RateLimits:OffersPerHour</c>, 5 by default).
/// A page anyone may post to without a link is the easiest place to fill the staff's queue with junk; the page limit
/// (60 requests a minute) is far too loose for that. Only offers that would be stored are counted, so a person
/// correcting a refused field is not locked out by their own typing.
/// </summary>
internal sealed class OfferLimit(IConfiguration configuration) : IDisposable
{
    private readonly KeyedLimit<string> _limit = new(configuration.GetValue("RateLimits:OffersPerHour", 5), TimeSpan.FromHours(1));

    /// <summary>Counts an offer from <paramref name="address"/>; null when allowed, else how long to wait.</summary>
    public TimeSpan? Refusal(string address) => _limit.Refusal(address);

    public void Dispose() => _limit.Dispose();
}
