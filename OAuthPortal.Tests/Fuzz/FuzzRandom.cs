namespace OAuthPortal.Tests.Fuzz;

/// <summary>The one seeded source of every choice the fuzzer makes: the same seed gives the same requests.</summary>
public sealed class FuzzRandom(int seed) : Random(seed)
{
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public bool Chance(double probability) => NextDouble() < probability;
}
