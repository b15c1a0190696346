/** One listing (科技成果 or 技术需求) as a card in search results and on the home page. */
import { Link } from "@remix-run/react";
import type { ListingCardView } from "~/domain/listings/listing-view.server";
import { Chip } from "./chip";
import { Highlight } from "./highlight";

export function ListingCard({ card }: { card: ListingCardView }) {
  return (
    <article
      className="flex h-full flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-blue-300 hover:shadow"
      data-testid="listing-card"
    >
      <h3 className="text-base font-semibold leading-snug text-slate-900">
        <Link to={card.href} className="hover:text-blue-700 hover:underline">
          <Highlight html={card.titleHtml} text={card.title} />
        </Link>
      </h3>
      <p className="text-sm text-slate-600">
        <span>{card.organizationName}</span>
        {card.regionName ? <span className="text-slate-400"> · {card.regionName}</span> : null}
      </p>
      <div className="flex flex-wrap gap-1.5">
        {card.chips.map((chip) => (
          <Chip key={`${chip.tone}-${chip.label}`} tone={chip.tone}>
            {chip.label}
          </Chip>
        ))}
      </div>
      {card.snippet || card.snippetHtml ? (
        <p className="text-sm leading-relaxed text-slate-600">
          <Highlight html={card.snippetHtml} text={card.snippet} />
        </p>
      ) : null}
      <div className="mt-auto flex flex-wrap items-baseline justify-between gap-2 pt-1 text-sm">
        <span>
          <span className="text-slate-500">{card.moneyLabel}：</span>
          <span className="font-semibold text-orange-700">{card.money}</span>
        </span>
        {card.publishedDate ? (
          <span className="text-xs text-slate-500">
            发布于 <time dateTime={card.publishedDate}>{card.publishedDate}</time>
          </span>
        ) : null}
      </div>
    </article>
  );
}
