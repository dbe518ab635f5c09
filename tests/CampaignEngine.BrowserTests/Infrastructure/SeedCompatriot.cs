namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>A person in the directory as the tests need them. <c>Channel</c> is the one channel they consented to, or null.</summary>
internal sealed record SeedCompatriot(
    string FullName, string Gender, string HomeRegion, string Country, string TimeZone, string Language,
    string? Phone, string? Email, string? Channel)
{
    public string FirstName => FullName.Split(' ')[0];

    public bool IsReachable => Channel switch
    {
        "whatsapp" or "sms" => Phone is not null,
        "email" => Email is not null,
        _ => false,
    };

    /// <summary>The address the outbox file names in its <c>To:</c> line.</summary>
    public string? Address => Channel == "email" ? Email : Phone;
}
