namespace OAuthPortal.Identity;

/// <summary>How long until a lockout ends, in words a person reads at a glance ("about 12 minutes"), never shorter than it is.</summary>
public static class LockoutWait
{
    public static string Describe(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.FromMinutes(1))
        {
            return "less than a minute";
        }

        if (remaining < TimeSpan.FromMinutes(59))
        {
            var minutes = (int)Math.Ceiling(remaining.TotalMinutes);
            return $"about {minutes} minutes";
        }

        if (remaining <= TimeSpan.FromMinutes(90))
        {
            return "about an hour";
        }

        if (remaining < TimeSpan.FromHours(36))
        {
            return $"about {(int)Math.Ceiling(remaining.TotalHours)} hours";
        }

        return $"about {(int)Math.Ceiling(remaining.TotalDays)} days";
    }
}
