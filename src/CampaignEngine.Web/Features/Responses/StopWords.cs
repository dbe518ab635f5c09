namespace CampaignEngine.Web.Features.Responses;

/// <summary>Replies that mean "never write to me again on this channel", in the languages people answer in.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "СТОП", "ТОКТОТ", "ТОКТОТУУ", "UNSUBSCRIBE", "ОТПИСАТЬСЯ", "ОТПИСКА", "STOPALL", "END", "CANCEL",
    };

    public static bool IsStop(string text)
    {
        var word = text.Trim().Trim('.', '!', ' ', '"', '«', '»').ToUpperInvariant();
        return Words.Contains(word);
    }
}
