using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.Naryn;

/// <summary>Naryn natives concentrate in Germany and Qatar; schools and rural roads are their home projects.</summary>
public sealed class NarynModule : ICampaignModule
{
    private static readonly string[] HomeRegions = ["KG-N"];

    public ModuleManifest Manifest { get; } = new(
        Id: "naryn",
        Name: new("Нарын", "Нарын", "Naryn"),
        Regions: HomeRegions,
        Countries: ["DE", "QA"],
        Languages: ["ky", "ru", "en"],
        Issuer: new(
            Name: new("Нарын облусунун администрациясы", "Администрация Нарынской области", "Naryn Regional Administration"),
            SignatoryTitle: new("Нарын облусундагы Президенттин ыйгарым укуктуу өкүлү",
                "Полномочный представитель Президента в Нарынской области",
                "Plenipotentiary Representative of the President in the Naryn Region"),
            SignatoryName: "Н. Ж. Токтогулов",
            SerialPrefix: "NR"),
        Templates: ["appeal", "reminder", "thank-you", "certificate"],
        Sectors: ["education_and_science", "rural_infrastructure", "organic_agriculture"]);

    // Naryn's governor named fund founders honorary citizens: large fulfilled gifts are proposed for that title.
    public void Configure(IModuleBuilder module) =>
        module.On(Nominations.WhenFulfilledAbove(Manifest.Id, HomeRegions, usd: 5000m, kind: "honorary_citizen"));
}
