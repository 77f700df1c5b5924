/** What a view shows before it has anything to show: what it is for and how to fill it. */
export function EmptyState({
  title,
  description,
  testId,
}: {
  title: string;
  description: string;
  testId?: string;
}) {
  return (
    <section className="empty-state" data-testid={testId}>
      <h1>{title}</h1>
      <p>{description}</p>
    </section>
  );
}
