namespace CampaignEngine.Core.Reference;

/// <summary>A text in the three languages the product speaks: Kyrgyz, Russian and English.</summary>
public sealed record LocalizedText(string Ky, string Ru, string En)
{
    /// <summary>The text in <paramref name="language"/>, falling back to Russian, then English.</summary>
    public string In(string? language) => language switch
    {
        "ky" => Ky,
        "ru" => Ru,
        "en" => En,
        _ => Ru,
    };
}
