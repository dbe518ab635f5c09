using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Responses.Questions;

/// <summary>
/// How many questions one link (<c>RateLimits:QuestionsPerLinkPerDay</c>, 5) and one client address
/// (<c>RateLimits:QuestionsPerHour</c>, 10) may ask: every question lands in a staff member's queue with a deadline,
/// so a leaked link or a robot must not fill the desk. Only questions that would be stored are counted.
/// </summary>
internal sealed class AskLimit(IConfiguration configuration) : IDisposable
{
    private readonly KeyedLimit<string> _perLink = new(configuration.GetValue("RateLimits:QuestionsPerLinkPerDay", 5), TimeSpan.FromDays(1));
    private readonly KeyedLimit<string> _perAddress = new(configuration.GetValue("RateLimits:QuestionsPerHour", 10), TimeSpan.FromHours(1));

    /// <summary>Counts a question through <paramref name="token"/> from <paramref name="address"/>; null when allowed, else how long to wait.</summary>
    public TimeSpan? Refusal(string token, string address) => _perAddress.Refusal(address) ?? _perLink.Refusal(token);

    public void Dispose()
    {
        _perLink.Dispose();
        _perAddress.Dispose();
    }
}
