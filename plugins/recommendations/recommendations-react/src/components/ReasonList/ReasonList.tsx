import type { ReactElement } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import AutoAwesomeIcon from '@mui/icons-material/AutoAwesome';
import CategoryIcon from '@mui/icons-material/Category';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import SavingsIcon from '@mui/icons-material/Savings';
import SearchIcon from '@mui/icons-material/Search';
import SpeedIcon from '@mui/icons-material/Speed';
import StarIcon from '@mui/icons-material/Star';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import TimelineIcon from '@mui/icons-material/Timeline';
import type { RecommendationReason } from '@ai-ops/plugin-recommendations-common';

const ICONS: Record<RecommendationReason['kind'], ReactElement> = {
  similarity: <AutoAwesomeIcon />,
  keyword: <SearchIcon />,
  'same-type': <CategoryIcon />,
  'shared-tags': <LocalOfferIcon />,
  'schema-fit': <SwapHorizIcon />,
  'co-usage': <TimelineIcon />,
  quality: <StarIcon />,
  cost: <SavingsIcon />,
  latency: <SpeedIcon />,
};

/**
 * Why a result was recommended: one chip per reason, in the order the
 * backend ranked them, e.g. "description similarity 0.82".
 *
 * @public
 */
export const ReasonList = (props: {
  reasons: RecommendationReason[];
  /** The accessible name of the list, e.g. "Why gpt-4o-mini". */
  label: string;
}) => {
  if (props.reasons.length === 0) return null;
  return (
    <Stack
      component="ul"
      aria-label={props.label}
      direction="row"
      flexWrap="wrap"
      useFlexGap
      spacing={0.5}
      sx={{ listStyle: 'none', p: 0, m: 0, mt: 0.5 }}
    >
      {props.reasons.map((reason, index) => (
        <li key={`${reason.kind}-${index}`} data-reason-kind={reason.kind}>
          <Chip
            size="small"
            variant="outlined"
            icon={ICONS[reason.kind]}
            label={reason.text}
            sx={{
              height: 'auto',
              '& .MuiChip-label': { whiteSpace: 'normal' },
            }}
          />
        </li>
      ))}
    </Stack>
  );
};
